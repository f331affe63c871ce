// The version in package.json: the bundler inlines it, so nothing is read at run time.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
