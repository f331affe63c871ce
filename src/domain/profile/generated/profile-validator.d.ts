// The type of the generated validator (scripts/profile-validator.mjs): Ajv's ValidateFunction.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export { validate };
export default validate;
