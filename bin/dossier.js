#!/usr/bin/env node
// Runs Dossier's TypeScript sources directly through tsx, so `npx dossier …` works in a checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
