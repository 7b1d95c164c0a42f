// The engine version recorded in every manifest and job: results are reproducible bit for bit only with the
// same version. Bump it whenever a change alters any estimate for a given seed.

/** Version of the numerical engine (sampling streams, evaluators, estimators). */
export const ENGINE_VERSION = '0.9.0';
