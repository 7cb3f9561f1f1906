/** The first word of the line `peak.ts` writes, for the bench to find it among a command's messages. */
export const PEAK_MARK = 'wathiq-bench-peak';
