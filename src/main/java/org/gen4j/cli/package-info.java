/**
 * The gen4j command line (picocli): one command class per verb, bad input as one line and exit code 2.
 * The top layer: may use every package.
 */
package org.gen4j.cli;
