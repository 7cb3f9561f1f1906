/** Which figures: casualty counts, their measure, qualifier and victims, as the text states them. */
export { figuresByClause } from './figures.js';
export type { AttributedFigure, FigureMention } from './figures.js';
