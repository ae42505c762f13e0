/** Cairn's domain core: signal types, normalisation, PDQ and match indexes. Plain Java, no framework. */
package dev.cairn.core;
