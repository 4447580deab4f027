// The options page in Chromium: bad origins are refused with a clear message, and a foreign or
// malformed settings file changes nothing and says why; a good file round-trips.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { optionsUrl, send } from './popup-support.ts';

interface SettingsReply {
  settings: { origins: string[]; confirmThreshold: number; batchSize: number; concurrency: number };
}

let chromium: ExtensionBrowser;
beforeAll(async () => {
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterAll(async () => {
  await chromium?.close();
});

async function openOptions() {
  const page = await chromium.context.newPage();
  await page.goto(optionsUrl(chromium.extensionId));
  await page.evaluate(() => chrome.storage.local.set({ uiLanguage: 'sv' }));
  await page.reload();
  await page.locator('[data-origin]').first().waitFor({ timeout: 15_000 });
  return page;
}

describe('the options page', () => {
  it.each([
    ['http://skolon.example.com', 'Bara säkra adresser (https://) är tillåtna.'],
    ['https://*.skolon.com', 'Jokertecken (*) är inte tillåtna: ange exakt en adress.'],
    ['inte en adress', 'Det där är ingen webbadress. Skriv t.ex. https://app.skolon.com.'],
    [
      'https://app.skolon.com/skoladmin',
      'Ange bara adressen, utan sökväg efter snedstrecket (t.ex. https://app.skolon.com).',
    ],
  ])('refuses %s with a clear message and saves nothing', async (input, message) => {
    const page = await openOptions();
    const before = await send<SettingsReply>(page, 'getSettings', {});
    await page.getByLabel('Lägg till en adress').fill(input);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await expect.poll(() => page.locator('#origin-problem').textContent(), { timeout: 15_000 }).toBe(message);
    expect(await send<SettingsReply>(page, 'getSettings', {})).toEqual(before);
    await page.close();
  });

  it('accepts the local sandbox origin in the sandbox build', async () => {
    const page = await openOptions();
    await page.getByLabel('Lägg till en adress').fill('http://localhost:4999');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.locator('[data-origin="http://localhost:4999"]').waitFor();
    expect((await send<SettingsReply>(page, 'getSettings', {})).settings.origins).toContain(
      'http://localhost:4999',
    );
    await page.close();
  });

  it('refuses a foreign or malformed settings file without changing anything, and imports a good one', async () => {
    const page = await openOptions();
    const before = await send<SettingsReply>(page, 'getSettings', {});
    const importFile = async (name: string, text: string) => {
      await page
        .locator('#settings-file')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      return page.locator('[data-import-result]');
    };

    let result = await importFile('bitwarden.json', JSON.stringify({ encrypted: false, items: [] }));
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toBe(
        'bitwarden.json importerades inte, inget ändrades: filen är inte en inställningsfil från Licenskoll.',
      );
    result = await importFile('trasig.json', '{"kind": "licenskoll-settings", ');
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toBe('trasig.json importerades inte, inget ändrades: filen är inte en JSON-fil.');
    result = await importFile(
      'fel.json',
      JSON.stringify({
        kind: 'licenskoll-settings',
        version: 1,
        settings: {
          origins: ['https://app.skolon.com'],
          confirmThreshold: 5,
          batchSize: 500,
          concurrency: 2,
          language: 'sv',
        },
      }),
    );
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toBe('fel.json importerades inte, inget ändrades: värdet batchSize är inte giltigt.');
    expect(await send<SettingsReply>(page, 'getSettings', {})).toEqual(before);

    // Export, then import it back after a change: the exported values return.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera inställningar' }).click();
    const exported = await readFile((await (await download).path()) ?? '', 'utf8');
    await page.getByLabel('Skriv antalet för att bekräfta från').fill('7');
    await page.getByLabel('Skriv antalet för att bekräfta från').press('Tab');
    await expect
      .poll(async () => (await send<SettingsReply>(page, 'getSettings', {})).settings.confirmThreshold, {
        timeout: 15_000,
      })
      .toBe(7);
    result = await importFile('licenskoll.json', exported);
    await expect.poll(() => result.getAttribute('data-import-result'), { timeout: 15_000 }).toBe('ok');
    expect((await send<SettingsReply>(page, 'getSettings', {})).settings).toEqual(before.settings);
    await page.close();
  });
});
