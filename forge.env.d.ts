// Forge's Vite plugin defines MAIN_WINDOW_VITE_DEV_SERVER_URL / MAIN_WINDOW_VITE_NAME in the main
// bundle and extends Vite's ConfigEnv with the forge fields the vite.*.config.ts files read.
/// <reference types="@electron-forge/plugin-vite/forge-vite-env" />

/** Defined by vite.main.config.ts: true in the QA test build (TILL_TEST_BUILD=1 at packaging time). */
declare const TILL_TEST_BUILD: boolean | undefined;
