// dmn-moddle ships no types; the import reads only the fields declared in dmn-table.ts.
declare module 'dmn-moddle' {
  export default class DmnModdle {
    fromXML(xml: string, type?: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
