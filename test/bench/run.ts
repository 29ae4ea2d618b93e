/** `npm run bench`: timings to read, not to assert (tests never time things). */
import { benchPolicies } from './policy';

benchPolicies().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
