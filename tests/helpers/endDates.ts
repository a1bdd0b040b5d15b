/**
 * Editors' end dates for tests, always in the future: a fixed date like 31 December 2026 would make these
 * tests fail from the day it passes (the server treats an editor past their end date as a viewer).
 * Each is the end of the day in London, as the Share dialog sends it: 31 December is in GMT; 31 March and
 * 31 July are in summer time (which starts on the last Sunday of March, at 01:00 GMT).
 */
const year = new Date().getUTCFullYear() + 1

export const endOfDecember = { iso: `${year}-12-31T23:59:59.999Z`, typed: `31/12/${year}`, long: `31 December ${year}` }
export const endOfMarchAfter = { iso: `${year + 1}-03-31T22:59:59.999Z`, typed: `31/03/${year + 1}`, long: `31 March ${year + 1}` }
export const endOfJuly = { iso: `${year + 1}-07-31T22:59:59.999Z`, typed: `31/07/${year + 1}`, long: `31 July ${year + 1}` }
