/**
 * Electron Forge 8: Vite builds main, preload and renderer into .vite/ (the only folder packaged),
 * makers for Windows (Squirrel), macOS (zip) and Linux (deb, rpm), and the fuses flipped at
 * packaging time.
 *
 * Update feed (static storage, read by Electron's autoUpdater via core/update/update-client.ts): with `TILL_UPDATE_FEED_URL` (the
 * feed's https root) and `TILL_UPDATE_CHANNEL` (stable | pilot) set at make time, the Squirrel and
 * zip makers write their update manifests for `<feed>/<channel>/<platform>/<arch>`, and
 * `electron-forge publish` uploads there with @electron-forge/publisher-s3 (bucket
 * `TILL_UPDATE_BUCKET`, key prefix `TILL_UPDATE_PREFIX`, region `TILL_UPDATE_REGION`; the feed URL
 * must be where that bucket and prefix are served). Without a feed URL, makes are unchanged. `TILL_TEST_BUILD=1` makes the QA build that Playwright can drive (inspect fuse
 * left on; see electron/core/shell-policy/fuse-policy.ts); every other build is a release build.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { MakerDeb } from '@electron-forge/maker-deb';
import type { MakerRpmConfig } from '@electron-forge/maker-rpm';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { fusePolicy, isTestBuild } from './electron/core/shell-policy/fuse-policy.ts';
import { updateConfigFromEnv, updateFeedUrl } from './electron/core/update/update-feed.ts';

const testBuild = isTestBuild(process.env);
const updates = updateConfigFromEnv(process.env);
/** Where this platform/arch's update manifest lives (null: no feed configured for this make). */
const feedFor = (platform: string, arch: string): string | null => (updates === null ? null : updateFeedUrl(updates.feedUrl, updates.channel, platform, arch));
const description = 'Cashier-facing till companion for SocialHub loyalty: scan, show the card, award exactly once, redeem, claw back.';
const homepage = 'https://socialhub.ai/';
const linux = {
  name: 'socialhub-till',
  productName: 'SocialHub Till',
  genericName: 'Loyalty till',
  description,
  homepage,
  icon: 'assets/icon.png',
  categories: ['Office' as const],
};

const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
    name: testBuild ? 'SocialHub Till (QA)' : 'SocialHub Till',
    executableName: 'socialhub-till',
    appBundleId: testBuild ? 'ai.socialhub.till.qa' : 'ai.socialhub.till',
    appCategoryType: 'public.app-category.business',
    appCopyright: 'SocialHub',
    // Packager adds .icns / .ico per platform; Linux windows get assets/icon.png via the main bundle.
    icon: 'assets/icon',
  },
  rebuildConfig: {},
  makers: [
    new MakerSquirrel((arch) => {
      const feed = feedFor('win32', arch);
      return { name: 'socialhub_till', authors: 'SocialHub', description, setupIcon: 'assets/icon.ico', ...(feed === null ? {} : { remoteReleases: feed }) };
    }),
    new MakerZIP((arch) => {
      const feed = feedFor('darwin', arch);
      return feed === null ? {} : { macUpdateManifestBaseUrl: feed };
    }, ['darwin']),
    new MakerDeb({ options: { ...linux, maintainer: 'SocialHub', section: 'misc' } }),
    // maker-rpm is on 7.x (no 8.x published here): its class is typed against Forge 7's MakerBase,
    // so it is named for Forge to load instead of constructed here.
    { name: '@electron-forge/maker-rpm', platforms: ['linux'], config: { options: { ...linux, license: 'Proprietary' } } satisfies MakerRpmConfig },
  ],
  // Named, not imported: the publisher is only loaded by `electron-forge publish`.
  publishers:
    updates === null
      ? []
      : [
          {
            name: '@electron-forge/publisher-s3',
            config: {
              bucket: process.env.TILL_UPDATE_BUCKET,
              region: process.env.TILL_UPDATE_REGION,
              public: true,
              keyResolver: (fileName: string, platform: string, arch: string) =>
                `${(process.env.TILL_UPDATE_PREFIX ?? 'socialhub-till').replace(/^\/+|\/+$/g, '')}/${updates.channel}/${platform}/${arch}/${fileName}`,
            },
          },
        ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    new FusesPlugin(fusePolicy({ testBuild })),
  ],
};

export default config;
