// The lists feature's only public door: the Lists page under Connections (Connections → Lists).
export { ListsPage } from './ListsPage';
