import { describe, expect, it } from 'vitest';
import { bootChunks } from './preloadBoot';

const chunk = (
  fileName: string,
  o: Partial<{
    isEntry: boolean;
    imports: string[];
    dynamicImports: string[];
    facade: string;
  }> = {},
) => ({
  type: 'chunk',
  fileName,
  isEntry: o.isEntry ?? false,
  facadeModuleId: o.facade ?? null,
  imports: o.imports ?? [],
  dynamicImports: o.dynamicImports ?? [],
});

describe('bootChunks', () => {
  it("preloads the entry's dynamic imports with their static imports, dependencies first", () => {
    const bundle = {
      'index.js': chunk('index.js', {
        isEntry: true,
        imports: ['vendor.js'],
        dynamicImports: ['client.js', 'start.js'],
      }),
      'vendor.js': chunk('vendor.js'),
      'react.js': chunk('react.js'),
      'client.js': chunk('client.js', { imports: ['react.js'] }),
      // start imports the entry back (Vite's preload helper lives there) and shares react.
      'start.js': chunk('start.js', {
        imports: ['index.js', 'react.js', 'parse.js'],
        dynamicImports: ['editor.js', 'app.js'],
      }),
      // Imported dynamically by start, and named by the boot: preloaded too.
      'app.js': chunk('app.js', { imports: ['views.js', 'react.js'], facade: '/p/src/App.tsx' }),
      'views.js': chunk('views.js'),
      'parse.js': chunk('parse.js'),
      'editor.js': chunk('editor.js', { imports: ['cm.js'] }),
      'cm.js': chunk('cm.js'),
      'index.css': { type: 'asset' },
    };
    expect(bootChunks(bundle)).toEqual(['react.js', 'client.js', 'parse.js', 'start.js']);
    expect(bootChunks(bundle, ['/src/App.tsx'])).toEqual([
      'react.js',
      'client.js',
      'parse.js',
      'start.js',
      'views.js',
      'app.js',
    ]);
  });

  it('refuses a bundle without exactly one entry', () => {
    expect(() => bootChunks({ 'a.js': chunk('a.js') })).toThrow(/one entry/);
  });
});
