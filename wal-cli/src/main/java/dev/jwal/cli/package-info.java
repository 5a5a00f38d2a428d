/**
 * The {@code wal} command: {@link dev.jwal.cli.WalCommand} and one class per
 * subcommand (append, dump, recover, verify, stats). Standard input and output
 * carry entries in the reference's JSON form; everything is UTF-8 whatever the
 * platform's default charset.
 */
package dev.jwal.cli;
