/**
 * Signal normalisation: one match key per signal, computed by the same code at submit time, at query time, in the CLI
 * and in the indexes. Entry point: {@link dev.cairn.core.normalize.SignalNormalizer}.
 *
 * <table>
 *   <caption>Match keys per type</caption>
 *   <tr><th>Type</th><th>Key</th><th>Class</th></tr>
 *   <tr><td>URL</td><td>Safe Browsing expression {@code host/path[?query]}</td><td>UrlNormalizer, UrlCanonicalizer</td></tr>
 *   <tr><td>DOMAIN</td><td>IDNA ASCII, lower case, no trailing dot</td><td>DomainNormalizer</td></tr>
 *   <tr><td>EMAIL</td><td>{@code local@domain} after provider rules (email-providers.tsv)</td><td>EmailNormalizer</td></tr>
 *   <tr><td>USERNAME</td><td>UTS #39 skeleton of the folded, separator-free form</td><td>UsernameNormalizer</td></tr>
 *   <tr><td>PHONE</td><td>E.164</td><td>PhoneNormalizer</td></tr>
 *   <tr><td>IP</td><td>canonical address or CIDR ({@link dev.cairn.core.normalize.IpRange})</td><td>IpNormalizer</td></tr>
 *   <tr><td>KEYWORD</td><td>NFKC case fold, whitespace collapsed</td><td>KeywordNormalizer</td></tr>
 *   <tr><td>MD5, SHA1, SHA256, PDQ</td><td>lower-case hex</td><td>HashNormalizer</td></tr>
 *   <tr><td>CRYPTO_ADDRESS</td><td>checksum-verified address (EVM lower case)</td><td>CryptoAddressNormalizer</td></tr>
 * </table>
 *
 * <p>Every rejection is an {@link dev.cairn.core.signal.InvalidValueException} whose message gives the reason and never
 * the value.
 */
package dev.cairn.core.normalize;
