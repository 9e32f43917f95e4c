/**
 * Whether a value reads as a placeholder a deployment substitutes before the file is used: `${KEY}`, `$KEY`,
 * `{{ key }}`, `<%= key %>`, `%KEY%`, `@KEY@`, `__KEY__`, `<key>`, or words such as "replace", "changeme",
 * "your key" (wazuh-kubernetes ships `to_be_replaced_by_cluster_key`). Said beside a refusal, never instead of it.
 */
const PLACEHOLDER = /^\$\{[^}]*\}$|^\$[A-Za-z_]\w*$|\{\{.*\}\}|<%.*%>|^%\w+%$|^@\w+@$|^__\w+__$|^<[^<>]+>$|replace|change_?me|placeholder|\byour[_ -]/i;

export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}
