/**
 * Configuration of a log: {@link dev.jwal.api.config.WalConfig} and the policies it names.
 *
 * <p><b>Thread safety.</b> Configurations and policies are immutable and thread safe; a
 * {@link dev.jwal.api.config.WalConfig.Builder} is not and belongs to the thread that fills it.
 */
package dev.jwal.api.config;
