/** Writing out: incidents, claims, fatalities and tallies as the output contract has them. */
export { writeReport } from './report.js';
