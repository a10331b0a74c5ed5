/**
 * Where a finding points: the page and box of a model field, from the provenance map.
 */
import type { Finding } from '../findings.js';
import type { ProvenanceMap } from '../model/types.js';

export function at(provenance: ProvenanceMap, path: string): Pick<Finding, 'page' | 'bbox' | 'field'> {
  const p = provenance[path];
  return p ? { field: path, page: p.page, bbox: p.bbox } : { field: path };
}

/** The printed text of a field (before parsing), if known. */
export function raw(provenance: ProvenanceMap, path: string): string | undefined {
  return provenance[path]?.raw;
}
