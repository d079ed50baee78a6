/**
 * The integration suite: the packed charms of this repository rehearsed on the local model,
 * bundle by bundle, then changed as a user would (relations removed, config changed, charms
 * refreshed, hooks failing and resolved, applications removed).
 */
package io.jcharm.tests;
