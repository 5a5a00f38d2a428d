/** Configuration of a log: {@link dev.jwal.api.config.WalConfig} and the policies it names. */
package dev.jwal.api.config;
