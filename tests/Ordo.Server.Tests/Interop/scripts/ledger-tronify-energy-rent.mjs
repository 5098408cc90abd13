// Runs Ledger Live's own Tronify client (npm @ledgerhq/coin-tron 8.0.0: tronifyProvider of
// lib/logic/energyRent/tronify.js over lib/network/tronify/index.js) against Ordo, with tronweb
// 6.2.0 (coin-tron's own pinned dependency) checking and signing the payment as the wallet does.
//
// In:  ORDO_URL, TRONIFY_SOURCE_FLAG, WALLET_PRIVATE_KEY (hex; its address pays), the rental as the
//      wallet asks for it (ENERGY, DURATION_SECONDS, EXTRA_TRX; the receiver is the payer, as in
//      lib/logic/estimateFees.js), STEP:
//      "pay"    quote -> create -> tronweb checks the issued transaction -> a forged signature, a
//               transaction other than the issued one, then the wallet's own signature submitted
//               -> status -> the same upload again.
//      "create" quote and create, then the wallet signs: the order and the signed transaction.
//      "submit" ORDER_ID, SIGNED_TRANSACTION (JSON): submitPayment, then the status.
//      "cancel" ORDER_ID, TRONIFY_SECRET: the seed page's cancelOrder (axios, MD5 flag) with a wrong
//               flag, then the right one twice, then the status as the wallet reads it.
// Out: one JSON line with what each step saw.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: coinConfig } = require('@ledgerhq/coin-tron/lib/config');
const { tronifyProvider } = require('@ledgerhq/coin-tron/lib/logic/energyRent/tronify');
const { TronifyApiError } = require('@ledgerhq/coin-tron/lib/types/errors');
const { utils } = require('tronweb');
const axios = require('axios');

const env = process.env;
const url = env.ORDO_URL;

// The shape Ledger Live's remote coin-config gives (lib/config.d.ts: TronCoinConfig).
coinConfig.setCoinConfig(() => ({
  status: { type: 'active' },
  explorer: { url: 'https://tron.coin.ledger.com' },
  energyRent: { provider: 'tronify', tronify: { url, sourceFlag: env.TRONIFY_SOURCE_FLAG } },
}));

const privateKey = env.WALLET_PRIVATE_KEY;
const payerAddress = utils.address.fromPrivateKey(privateKey);

// What a call through the client ended with: ok, or the error it threw.
async function attempt(call) {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return {
      ok: false,
      name: error?.name,
      isTronifyApiError: error instanceof TronifyApiError,
      resCode: error?.resCode ?? null,
      status: error?.status ?? null,
      message: error?.message,
    };
  }
}

const clone = (value) => JSON.parse(JSON.stringify(value));
const bare = (hex) => hex.replace(/^0x/, '').toLowerCase();

// What estimateTronifyFees (lib/logic/estimateFees.js) hands getEnergyRentQuote: the sender receives the energy.
const request = {
  payerAddress,
  receiverAddress: payerAddress,
  energy: BigInt(env.ENERGY ?? '0'),
  durationSeconds: Number(env.DURATION_SECONDS),
  extraTrx: Number(env.EXTRA_TRX),
};

async function pay() {
  const quote = await tronifyProvider.getQuote(request);
  const order = await tronifyProvider.createOrder(request);
  const { orderId, transaction } = order;
  const ref = { orderId, payerAddress };
  const beforePayment = await tronifyProvider.getOrderStatus(ref);

  // TRON's own library rebuilds the protobuf from raw_data: it must give Ordo's raw_data_hex and txID.
  const pb = utils.transaction.txJsonToPb(transaction);
  const contract = transaction.raw_data.contract[0];
  const transfer = contract.parameter.value;
  const checked = {
    txCheck: utils.transaction.txCheck(transaction),
    txID: bare(utils.transaction.txPbToTxID(pb)),
    rawDataHex: bare(utils.transaction.txPbToRawDataHex(pb)),
    type: contract.type,
    owner: utils.address.fromHex(transfer.owner_address),
    to: utils.address.fromHex(transfer.to_address),
    amount: transfer.amount,
    expiration: transaction.raw_data.expiration,
    timestamp: transaction.raw_data.timestamp,
  };

  // A signature by a key that is not the payer's.
  const stranger = utils.accounts.generateAccount().privateKey;
  const forged = await attempt(() => tronifyProvider.submitPayment({
    orderId, signedTransaction: utils.crypto.signTransaction(stranger, clone(transaction)),
  }));

  // A well-formed transfer of 1 sun, its raw_data_hex and txID rebuilt by tronweb, signed by the payer.
  const other = clone(transaction);
  other.raw_data.contract[0].parameter.value.amount = 1;
  const otherPb = utils.transaction.txJsonToPb(other);
  other.raw_data_hex = bare(utils.transaction.txPbToRawDataHex(otherPb));
  other.txID = bare(utils.transaction.txPbToTxID(otherPb));
  const otherTransaction = await attempt(() => tronifyProvider.submitPayment({
    orderId, signedTransaction: utils.crypto.signTransaction(privateKey, other),
  }));
  const afterRefusals = await tronifyProvider.getOrderStatus(ref);

  // The wallet signs the txID with the payer's key (signTransaction appends to signature[]).
  const signed = utils.crypto.signTransaction(privateKey, clone(transaction));
  const submitted = await attempt(() => tronifyProvider.submitPayment({ orderId, signedTransaction: signed }));
  const afterPayment = await tronifyProvider.getOrderStatus(ref);
  const repeated = await attempt(() => tronifyProvider.submitPayment({ orderId, signedTransaction: signed }));

  return {
    payerAddress,
    quote: { ...quote, energy: String(quote.energy) },
    order,
    checked,
    signature: signed.signature,
    refusals: { forged, otherTransaction, repeated },
    submitted,
    statuses: { beforePayment, afterRefusals, afterPayment },
  };
}

async function create() {
  await tronifyProvider.getQuote(request);
  const order = await tronifyProvider.createOrder(request);
  return { order, signed: utils.crypto.signTransaction(privateKey, clone(order.transaction)) };
}

async function submit() {
  const orderId = env.ORDER_ID;
  const submitted = await attempt(() => tronifyProvider.submitPayment({ orderId, signedTransaction: JSON.parse(env.SIGNED_TRANSACTION) }));
  return { submitted, status: await tronifyProvider.getOrderStatus({ orderId, payerAddress }) };
}

// The cancel of Tronify's own page (seeds/tronify-cancel-order.md): axios.post of {orderId, flag,
// sourceFlag}; flag = MD5 of the other fields sorted by name, "name=value" joined with "&", then
// "&key=<secret>", in upper-case hex.
function flagOf(fields, secret) {
  const joined = Object.keys(fields).sort().filter((k) => fields[k] !== '').map((k) => `${k}=${fields[k]}`).join('&');
  return crypto.createHash('md5').update(`${joined}&key=${secret}`, 'utf8').digest('hex').toUpperCase();
}

async function cancel() {
  const orderId = env.ORDER_ID;
  const fields = { orderId, sourceFlag: env.TRONIFY_SOURCE_FLAG };
  const post = async (flag) => (await axios.post(`${url}/api/tronRent/cancelOrder`, { ...fields, flag })).data;
  const wrongFlag = await post(flagOf(fields, 'not-the-secret'));
  const statusAfterWrongFlag = await tronifyProvider.getOrderStatus({ orderId, payerAddress });
  const flag = flagOf(fields, env.TRONIFY_SECRET);
  const cancelled = await post(flag);
  const again = await post(flag);
  const status = await tronifyProvider.getOrderStatus({ orderId, payerAddress });
  return { flag, wrongFlag, statusAfterWrongFlag, cancelled, again, status };
}

const steps = { pay, create, submit, cancel };
console.log(JSON.stringify(await steps[env.STEP]()));
