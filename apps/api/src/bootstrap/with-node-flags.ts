// Imported first by main.ts, so the process restarts with its heap settings before it loads anything else.
import { applyNodeFlags } from './node-flags';

applyNodeFlags();
