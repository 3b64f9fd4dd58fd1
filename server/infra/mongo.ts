import mongoose from 'mongoose';
import '../models';

/** Connects the process-wide Mongoose connection to `uri`/`dbName`. */
export async function connectMongo(uri: string, dbName: string): Promise<void> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
}

/** Creates every declared index (each model's `init`), so unique rules hold before the first request. */
export async function syncIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.init();
}
