// The types of the Node modules the saving code loads on first use. Only implementation modules import
// this file, never a public declaration, so a consumer's typecheck needs no @types/node.
export type NodeFs = typeof import('node:fs');
export type NodeFsPromises = typeof import('node:fs/promises');
export type NodePath = typeof import('node:path');
export type NodeUrl = typeof import('node:url');
export type NodeOs = typeof import('node:os');
