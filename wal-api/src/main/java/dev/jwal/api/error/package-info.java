/** The typed exceptions of jwal, all unchecked and rooted at {@link dev.jwal.api.error.WalException}. */
package dev.jwal.api.error;
