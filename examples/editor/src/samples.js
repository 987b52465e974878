// Configs to start from, per built-in schema (bundled as text by build.mjs).
import pgstack from '../samples/pgstack.env';
import synctv from '../samples/synctv.yaml';

export const samples = { synctv, pgstack };
