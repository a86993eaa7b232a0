/**
 * Spindle's shared internals: the timeout policy and other helpers that several packages use.
 *
 * <p>Nothing here is API. The package is not exported by the {@code dev.spindle.core} module
 * (only to Spindle's own modules), and classes here may change or go away in any release.
 */
package dev.spindle.internal;
