/**
 * The gen4j Jupyter kernel: Java cells run by JShell with gen4j on the class path, on the Jupyter messaging layer of
 * JJava; pictures and arrays displayed inline; gen4j errors as Jupyter errors; the stop button ends training cleanly.
 * Started by {@code gen4j notebook kernel}, installed by {@code gen4j notebook install}.
 */
package org.gen4j.notebook;
