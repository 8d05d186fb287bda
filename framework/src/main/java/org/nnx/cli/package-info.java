/**
 * The {@code nnx} command line (picocli): {@code run}, {@code check}, {@code plugins}, {@code
 * data}, {@code runs}, {@code show}, {@code export}, {@code compare}, {@code gc}; bad input exits 2
 * with located messages, failures at run time exit 1.
 */
package org.nnx.cli;
