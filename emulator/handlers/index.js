// @ts-check
'use strict';

/**
 * All route tables, and the router. To add endpoints, drop a module into this folder that exports a RouteTable
 * (see ./common.js): every `*.js` file here except index.js, common.js and files starting with `_` is loaded.
 */

const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {import('./common').Route} Route
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @type {RouteTable[]} */
const MODULES = fs
	.readdirSync(__dirname)
	.filter((f) => f.endsWith('.js') && f !== 'index.js' && f !== 'common.js' && !f.startsWith('_'))
	.sort()
	.map((f) => {
		const table = require(path.join(__dirname, f));
		for (const [p, r] of Object.entries(table)) {
			if (!r || typeof r.handle !== 'function') throw new Error(`handlers/${f}: route ${p} has no handle()`);
		}
		return table;
	});

/**
 * Route key without trailing slash (paths are accepted with and without it).
 * @param {string} p
 */
function normalizePath(p) {
	return p.length > 1 && p.endsWith('/') ? p.replace(/\/+$/, '') : p;
}

class Router {
	/** @param {RouteTable[]} tables */
	constructor(tables) {
		/** @type {Map<string, Route>} */
		this.exact = new Map();
		/** @type {Array<[string, Route]>} */
		this.prefixes = [];
		for (const t of tables) for (const [path, route] of Object.entries(t)) this.add(path, route);
	}

	/**
	 * @param {string} path  documented spelling of the path
	 * @param {Route} route
	 */
	add(path, route) {
		const r = { ...route, path };
		if (route.prefix) {
			this.prefixes.push([path, r]);
			return;
		}
		const key = normalizePath(path);
		if (this.exact.has(key)) throw new Error(`duplicate route ${path}`);
		this.exact.set(key, r);
	}

	/**
	 * @param {string} pathname
	 * @returns {Route | undefined}
	 */
	find(pathname) {
		const r = this.exact.get(normalizePath(pathname));
		if (r) return r;
		for (const [prefix, route] of this.prefixes) if (pathname.startsWith(prefix) && pathname.length > prefix.length) return route;
		return undefined;
	}

	/** @returns {string[]} documented paths of all routes */
	paths() {
		return [...[...this.exact.values()].map((r) => /** @type {string} */ (r.path)), ...this.prefixes.map(([p]) => p)];
	}
}

function createRouter() {
	return new Router(MODULES);
}

module.exports = { createRouter, Router, normalizePath, MODULES };
