/**
 * Pictures: image grids, state paths, line and scatter plots, written as PNG.
 * Used by recipes, the CLI and notebooks.
 * Above the families.
 */
package org.gen4j.viz;
