/** Files written whole and safely: a reader sees the old file or the new one, never a part of one. */
package org.nnx.files;
