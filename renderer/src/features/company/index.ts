// The company feature's only public door: the Company page (the company's name and its own identity).
export { CompanyPage } from './CompanyPage';
