export { Combobox, type ComboboxProps } from './Combobox';
export {
  filterOptions,
  fold,
  fullNames,
  optionsOf,
  toOption,
  type PickerOption,
  type PickerSource,
} from './match';
