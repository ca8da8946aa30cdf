// Rewrites the operation table of README.md from the operation declarations: `node scripts/readme.js`.
require('./ts-register');
const fs = require('node:fs');
const path = require('node:path');
const { operationsTable, TABLE_START, TABLE_END } = require('../test/helpers/operationsTable.ts');

const file = path.join(__dirname, '..', 'README.md');
const readme = fs.readFileSync(file, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start < 0 || end < start) throw new Error('README.md has no operations markers');
fs.writeFileSync(file, `${readme.slice(0, start + TABLE_START.length)}\n${operationsTable()}\n${readme.slice(end)}`);
console.log('README.md operation table updated');
