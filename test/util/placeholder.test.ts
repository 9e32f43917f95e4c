import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikePlaceholder } from '../../src/util/placeholder.ts';

test('placeholders a deployment substitutes read as such; keys and plain words do not', () => {
  for (const value of ['to_be_replaced_by_cluster_key', '${CLUSTER_AUTH_KEY}', '$WAZUH_CLUSTER_KEY', '{{ wazuh_cluster_key }}', '<%= @cluster_key %>', '%CLUSTER_KEY%', '@CLUSTER_KEY@', '__CLUSTER_KEY__', '<cluster key>', 'changeme', 'CHANGE_ME', 'your_cluster_key', 'placeholder']) {
    assert.ok(looksLikePlaceholder(value), value);
  }
  for (const value of ['c98b62a9b6169ac5f67dae55ae4a9088', 'short', 'KEY', 'wazuh', 'my-key-1', '']) assert.ok(!looksLikePlaceholder(value), value);
});
