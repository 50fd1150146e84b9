// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const discordImports = {
  paths: [{ name: 'discord.js', message: 'Only commands/, src/render/discord/ and src/transports/ may import discord.js.' }],
  patterns: [{ group: ['@discordjs/*'], message: 'Only commands/, src/render/discord/ and src/transports/ may import discord.js.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.dossier/', 'coverage/', 'bin/', '.tmp-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The house rule: discord.js stays at the edges.
    files: ['src/**/*.ts'],
    ignores: ['src/render/discord/**', 'src/transports/**'],
    rules: { 'no-restricted-imports': ['error', discordImports] },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
