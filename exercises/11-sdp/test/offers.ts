/**
 * Offers for the 11-sdp tests: Chromium 156's real ones (server/fixtures/chromium-156/sdp, see the
 * fixture README for how each was captured), and variants of plain-offer.sdp edited through the
 * SFU's SDP model, so every variant is still well-formed SDP.
 */
import { listFixtures, readFixtureText } from '#fixtures/index.ts';
import {
  type Direction,
  type MediaDescription,
  type SessionDescription,
  type SetupRole,
  parseSessionDescription,
  removeAttributes,
  serializeSessionDescription,
  setBundleGroup,
  setDirection,
  setupAttribute,
  writeAttribute,
} from '#server/sdp/index.ts';

/** Every `*offer*.sdp` fixture, by name without the folder and extension. */
export const FIXTURE_OFFERS: readonly string[] = listFixtures('sdp')
  .filter((file) => file.includes('offer'))
  .map((file) => file.slice('sdp/'.length, -'.sdp'.length));

export function fixture(name: string): string {
  return readFixtureText(`sdp/${name}.sdp`);
}

export const plainOffer = fixture('plain-offer');

/** plain-offer.sdp with `change` applied to its model, serialized again. */
export function editPlainOffer(change: (offer: SessionDescription, media: MediaDescription[]) => void): string {
  const offer = parseSessionDescription(plainOffer);
  change(offer, offer.media);
  return serializeSessionDescription(offer);
}

/** Removes payload types from a section: from the m= line, and their rtpmap, fmtp and rtcp-fb lines. */
export function dropPayloadTypes(media: MediaDescription, payloadTypes: readonly number[]): void {
  const dropped = new Set(payloadTypes.map(String));
  media.formats = media.formats.filter((format) => !dropped.has(format));
  media.attributes = media.attributes.filter(
    ({ name, value }) => !(['rtpmap', 'fmtp', 'rtcp-fb'].includes(name) && dropped.has(value?.split(' ')[0] ?? '')),
  );
}

/** Gives payload type `from` the number `to`: m= line, rtpmap/fmtp/rtcp-fb, and the fmtp lines naming it (apt=, RED). */
export function renumber(media: MediaDescription, from: number, to: number): void {
  media.formats = media.formats.map((format) => (format === `${from}` ? `${to}` : format));
  for (const attribute of media.attributes) {
    if (!['rtpmap', 'fmtp', 'rtcp-fb'].includes(attribute.name) || attribute.value === undefined) continue;
    const [head = '', ...rest] = attribute.value.split(' ');
    const parameters = rest.join(' ').replace(`apt=${from}`, `apt=${to}`).replace(`${from}/${from}`, `${to}/${to}`);
    attribute.value = `${head === `${from}` ? to : head} ${parameters}`;
  }
}

/** Moves a payload type to the end of the m= line: the last choice instead of the first. */
export function preferLast(media: MediaDescription, payloadType: number): void {
  media.formats = [...media.formats.filter((format) => format !== `${payloadType}`), `${payloadType}`];
}

/** plain-offer.sdp with section `index` given another direction. */
export function withDirection(index: number, direction: Direction): string {
  return editPlainOffer((_, media) => setDirection(media[index]!, direction));
}

/** plain-offer.sdp with every section's a=setup replaced. */
export function withSetup(role: SetupRole): string {
  return editPlainOffer((_, media) => media.forEach((m) => writeAttribute(m, setupAttribute, role)));
}

/** Only the video section, alone in its BUNDLE group. */
export const videoOnlyOffer = editPlainOffer((offer, media) => {
  offer.media = [media[1]!];
  setBundleGroup(offer, ['1']);
});

/** ICE credentials, fingerprint and setup written once at session level instead of in each section. */
export const sessionLevelTransportOffer = editPlainOffer((offer, media) => {
  for (const name of ['ice-ufrag', 'ice-pwd', 'fingerprint', 'setup']) {
    const first = media[0]!.attributes.find((attribute) => attribute.name === name)!;
    offer.attributes.push(first);
    media.forEach((m) => removeAttributes(m, name));
  }
});
