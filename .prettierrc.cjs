/** @type {import('prettier').Config} */
// OCA's settings (oca-addons-repo-template 18.0); the prettier hook of
// .pre-commit-config.yaml runs in the manual stage only.
const config = {
  plugins: [require.resolve("@prettier/plugin-xml")],
  bracketSpacing: false,
  printWidth: 88,
  proseWrap: "always",
  semi: true,
  trailingComma: "es5",
  xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
