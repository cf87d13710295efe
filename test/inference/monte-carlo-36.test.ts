/** Issue 10's acceptance on histories of 36 months (the criteria and their reasons: acceptance.ts). */
import { acceptanceSuite } from "./acceptance";

acceptanceSuite(36);
