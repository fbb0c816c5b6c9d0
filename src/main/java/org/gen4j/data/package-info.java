/**
 * Data in: CSV tables on DataVec, bundled data sets, IDX and image folders, discrete tables, sequences,
 * NetworkData (what a network trains on) and the encodings every family shares (OneHot, OneHotTable).
 * Built on core only.
 */
package org.gen4j.data;
