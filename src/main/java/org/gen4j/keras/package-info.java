/**
 * Keras HDF5 models as gen4j models: the file read in plain Java (KerasHdf5File), the network built by DL4J's
 * Keras import with every weight checked (KerasImport), and generators, discriminators and VAEs on top.
 * An adapter above the families.
 */
package org.gen4j.keras;
