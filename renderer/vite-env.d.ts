/// <reference types="vite/client" />
// Vite handles CSS, asset and worker imports for the renderer; these are its ambient types.
