// Replaced at build time would be nicer, but reading package.json costs one small file read.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
