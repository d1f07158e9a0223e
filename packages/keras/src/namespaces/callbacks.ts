import * as C from '../callbacks/index.js';

/** The callbacks, as classes and lower-case factories (`callbacks.earlyStopping({ patience: 3 })`). */
export const callbacks = {
  Callback: C.Callback,
  CallbackList: C.CallbackList,
  History: C.History,
  EarlyStopping: C.EarlyStopping,
  ReduceLROnPlateau: C.ReduceLROnPlateau,
  LambdaCallback: C.LambdaCallback,
  TerminateOnNaN: C.TerminateOnNaN,
  CSVLogger: C.CSVLogger,
  ProgressBar: C.ProgressBar,
  earlyStopping: (args?: C.EarlyStoppingArgs) => new C.EarlyStopping(args),
  reduceLROnPlateau: (args?: C.ReduceLROnPlateauArgs) => new C.ReduceLROnPlateau(args),
  lambdaCallback: (args: C.LambdaCallbackArgs) => new C.LambdaCallback(args),
  terminateOnNaN: (args?: C.TerminateOnNaNArgs) => new C.TerminateOnNaN(args),
  csvLogger: (filename: string, args?: C.CSVLoggerArgs) => new C.CSVLogger(filename, args),
};
