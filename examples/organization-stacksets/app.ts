import { buildApp } from './stacks';

buildApp().synth();
