// The company feature's only public door: the Company page (the company's name, its own identity and country, and
// its tax rates).
export { CompanyPage } from './CompanyPage';
