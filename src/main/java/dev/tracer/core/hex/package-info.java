/** Hexadecimal reading and writing of ids, shared by the context and the tree. Uses nothing. */
package dev.tracer.core.hex;
