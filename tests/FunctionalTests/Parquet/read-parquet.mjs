// Reads a Parquet file with hyparquet (a pure-JS reader, independent of Parquet.Net) and prints JSON:
// {numRows, rowGroups, schema, metadata, rows}; byte arrays as base64, BigInts as numbers.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const file = await asyncBufferFromFile(process.argv[2])
const metadata = await parquetMetadataAsync(file)
const rows = await parquetReadObjects({ file, utf8: false })
const text = v => v instanceof Uint8Array ? new TextDecoder().decode(v) : v
const plain = v => typeof v === 'bigint' ? Number(v)
  : v instanceof Uint8Array ? Buffer.from(v).toString('base64')
  : Array.isArray(v) ? v.map(plain)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'path' ? text(x) : plain(x)]))
  : v
process.stdout.write(JSON.stringify({
  numRows: Number(metadata.num_rows),
  rowGroups: metadata.row_groups.length,
  schema: metadata.schema.map(s => ({ name: s.name, type: s.type ?? null, repetition: s.repetition_type ?? null })),
  metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map(kv => [kv.key, kv.value])),
  rows: rows.map(plain),
}))
