// The documents feature's only public door: the list, one document, the editor, and a way for other features to
// open the list on one supplier's documents.
export { DocumentEditor } from './editor/DocumentEditor';
export { DocumentsPage } from './list/DocumentsPage';
export { openSupplierDocuments } from './store';
export { SupplierDefaults } from './SupplierDefaults';
export { DocumentView } from './view/DocumentView';
